package io.ctsync.config.conntrackd;

/**
 * One lexical token of a conntrackd.conf: a word (keyword, number, address, path, name), a
 * brace, the end of the file, or a lexical error.
 *
 * @param kind what the token is
 * @param text the word (without quotes), the brace, or the error description
 * @param line 1-based line the token starts on
 * @param quoted whether the word was written in double quotes (a ctsync extension)
 */
public record Token(Kind kind, String text, int line, boolean quoted) {

    /** Token kinds. */
    public enum Kind {
        WORD,
        OPEN,
        CLOSE,
        EOF,
        ERROR
    }

    public boolean isWord() {
        return kind == Kind.WORD;
    }

    /** How the token is shown after "found" in a message. */
    public String describe() {
        return switch (kind) {
            case WORD -> "'" + text + "'";
            case OPEN -> "'{'";
            case CLOSE -> "'}'";
            case EOF -> "the end of the file";
            case ERROR -> text;
        };
    }
}
