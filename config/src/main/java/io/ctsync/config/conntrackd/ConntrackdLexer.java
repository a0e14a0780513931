package io.ctsync.config.conntrackd;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits conntrackd.conf text into tokens following conntrackd's lexical rules: {@code #}
 * comments to the end of the line, braces, and words separated by blanks; a word starting with
 * {@code /} is a path and runs to the next blank. Besides conntrackd's grammar it accepts words in
 * double quotes. Characters conntrackd has no token for ({@code ;}, {@code =}, …) become error
 * tokens.
 */
public final class ConntrackdLexer {
    private ConntrackdLexer() {}

    /** Tokenises {@code text}; the list always ends with an EOF token. */
    public static List<Token> tokenize(String text) {
        List<Token> out = new ArrayList<>();
        int line = 1;
        int i = 0;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (c == '\n') {
                line++;
                i++;
            } else if (c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\u000b') {
                i++;
            } else if (c == '#') {
                while (i < n && text.charAt(i) != '\n') {
                    i++;
                }
            } else if (c == '{') {
                out.add(new Token(Token.Kind.OPEN, "{", line, false));
                i++;
            } else if (c == '}') {
                out.add(new Token(Token.Kind.CLOSE, "}", line, false));
                i++;
            } else if (c == '"') {
                int end = i + 1;
                while (end < n && text.charAt(end) != '"' && text.charAt(end) != '\n') {
                    end++;
                }
                if (end >= n || text.charAt(end) != '"') {
                    out.add(new Token(Token.Kind.ERROR, "an unterminated quoted string", line, false));
                    i = end;
                } else {
                    out.add(new Token(Token.Kind.WORD, text.substring(i + 1, end), line, true));
                    i = end + 1;
                }
            } else if (c == '/') {
                int end = i;
                while (end < n && !isBlank(text.charAt(end)) && "\"{}".indexOf(text.charAt(end)) < 0) {
                    end++;
                }
                out.add(new Token(Token.Kind.WORD, text.substring(i, end), line, false));
                i = end;
            } else if (isWordChar(c)) {
                int end = i;
                while (end < n && isWordChar(text.charAt(end))) {
                    end++;
                }
                out.add(new Token(Token.Kind.WORD, text.substring(i, end), line, false));
                i = end;
            } else {
                String shown =
                        c < 0x20 || c == 0x7f ? String.format("character 0x%02x", (int) c) : "character '" + c + "'";
                out.add(new Token(Token.Kind.ERROR, shown, line, false));
                i++;
            }
        }
        out.add(new Token(Token.Kind.EOF, "", line, false));
        return out;
    }

    private static boolean isBlank(char c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\u000b';
    }

    /** Characters of conntrackd's identifiers, numbers, signed numbers, addresses and CIDRs. */
    private static boolean isWordChar(char c) {
        return (c >= 'a' && c <= 'z')
                || (c >= 'A' && c <= 'Z')
                || (c >= '0' && c <= '9')
                || c == '.'
                || c == '_'
                || c == '-'
                || c == '+'
                || c == ':'
                || c == '/';
    }
}
