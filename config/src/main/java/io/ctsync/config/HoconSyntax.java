package io.ctsync.config;

import com.typesafe.config.ConfigException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * Turns a HOCON parse failure into a problem a user can act on. Unbalanced braces and brackets
 * are found by a scan of its own, which names the block left open and the line it was opened
 * on; other syntax errors keep Typesafe Config's description.
 */
final class HoconSyntax {
    private HoconSyntax() {}

    private record Open(char bracket, int line, String key, int indent, String path) {}

    static List<Problem> explain(String text, String source, ConfigException e) {
        Problem braces = braces(text, source);
        if (braces != null) {
            return List.of(braces);
        }
        int line = e.origin() == null ? 0 : Math.max(0, e.origin().lineNumber());
        return List.of(Problem.error(
                source, line, "(syntax)", SettingsLoader.stripOrigin(e.getMessage()), "valid HOCON syntax"));
    }

    /** The first bracket problem in {@code text}, or null if brackets balance. */
    static Problem braces(String text, String source) {
        Deque<Open> stack = new ArrayDeque<>();
        StringBuilder word = new StringBuilder();
        String lastWord = "";
        Open suspect = null;
        int line = 1;
        int i = 0;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            boolean comment = c == '#' || (c == '/' && i + 1 < n && text.charAt(i + 1) == '/');
            boolean separator = Character.isWhitespace(c) || comment || "{}[]=:,\"".indexOf(c) >= 0;
            if (separator && word.length() > 0) {
                lastWord = word.toString();
                word.setLength(0);
            }
            if (c == '\n') {
                line++;
                i++;
            } else if (comment) {
                while (i < n && text.charAt(i) != '\n') {
                    i++;
                }
            } else if (c == '"') {
                int end;
                if (text.startsWith("\"\"\"", i)) {
                    end = text.indexOf("\"\"\"", i + 3);
                    end = end < 0 ? n : end + 3;
                } else {
                    end = i + 1;
                    while (end < n && text.charAt(end) != '"' && text.charAt(end) != '\n') {
                        end += text.charAt(end) == '\\' ? 2 : 1;
                    }
                    end = Math.min(n, end + 1);
                }
                lastWord = text.substring(i, end).replace("\"", "");
                for (int k = i; k < end; k++) {
                    if (text.charAt(k) == '\n') {
                        line++;
                    }
                }
                i = end;
            } else if (c == '{' || c == '[') {
                String key = c == '{' ? lastWord : lastWord + "[]";
                String parent = path(stack);
                String full = key.isEmpty() ? parent : parent.equals("(top level)") ? key : parent + "." + key;
                stack.push(new Open(c, line, key, indent(text, i), full));
                lastWord = "";
                i++;
            } else if (c == '}' || c == ']') {
                char want = c == '}' ? '{' : '[';
                if (stack.isEmpty()) {
                    return Problem.error(
                            source,
                            line,
                            path(stack),
                            "'" + c + "' with no open " + (c == '}' ? "block" : "list"),
                            "a key or the end of the file");
                }
                Open top = stack.peek();
                if (top.bracket() != want) {
                    return Problem.error(
                            source,
                            line,
                            path(stack),
                            "'" + c + "'",
                            "'" + closer(top.bracket()) + "' to close '" + top.key() + "' opened at line "
                                    + top.line());
                }
                stack.pop();
                if (suspect == null
                        && top.bracket() == '{'
                        && firstOnLine(text, i)
                        && indent(text, i) != top.indent()) {
                    suspect = top; // closed by a brace indented like an outer block: likely the one left open
                }
                lastWord = "";
                i++;
            } else {
                if (c == ',') {
                    lastWord = "";
                } else if (!separator) {
                    word.append(c);
                }
                i++;
            }
        }
        if (!stack.isEmpty()) {
            Open top = suspect != null ? suspect : stack.peek();
            return Problem.error(
                    source,
                    top.line(),
                    top.path(),
                    "the end of the file",
                    "'" + closer(top.bracket()) + "' to close '" + top.key() + "' opened at line " + top.line());
        }
        return null;
    }

    /** Leading whitespace of the line holding position {@code pos}. */
    private static int indent(String text, int pos) {
        int start = text.lastIndexOf('\n', pos - 1) + 1;
        int k = start;
        while (k < text.length() && (text.charAt(k) == ' ' || text.charAt(k) == '\t')) {
            k++;
        }
        return k - start;
    }

    private static boolean firstOnLine(String text, int pos) {
        int start = text.lastIndexOf('\n', pos - 1) + 1;
        return text.substring(start, pos).isBlank();
    }

    private static char closer(char open) {
        return open == '{' ? '}' : ']';
    }

    private static String path(Deque<Open> stack) {
        return stack.isEmpty() ? "(top level)" : stack.peek().path();
    }
}
