package io.ctsync.config.conntrackd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Tokenising conntrackd.conf by conntrackd's lexical rules. */
class ConntrackdLexerTest {

    private static List<String> texts(String s) {
        return ConntrackdLexer.tokenize(s).stream()
                .map(t -> t.kind() + ":" + t.text())
                .toList();
    }

    @Test
    void shouldSplitWordsAndBracesAndSkipComments() {
        assertEquals(
                List.of("WORD:UNIX", "OPEN:{", "WORD:Path", "WORD:/var/run/x.ctl", "CLOSE:}", "EOF:"),
                texts("UNIX { # the control socket\n Path /var/run/x.ctl }"));
    }

    @Test
    void shouldCountLines() {
        List<Token> t = ConntrackdLexer.tokenize("a\n\n  b # c\n}\n");
        assertEquals(List.of(1, 3, 4, 5), t.stream().map(Token::line).toList());
    }

    @Test
    void shouldReadAddressesCidrsSignedNumbersAndDashedNames() {
        assertEquals(
                List.of(
                        "WORD:192.168.0.0/24",
                        "WORD:fe80::1/64",
                        "WORD:-20",
                        "WORD:IPv6-ICMP",
                        "WORD:eth0.100",
                        "EOF:"),
                texts("192.168.0.0/24 fe80::1/64 -20 IPv6-ICMP eth0.100"));
    }

    @Test
    void shouldKeepHashesInsidePathsLikeConntrackd() {
        assertEquals(List.of("WORD:/var/run/a#b", "EOF:"), texts("/var/run/a#b"));
        assertEquals(List.of("WORD:10.0.0.1", "EOF:"), texts("10.0.0.1#comment"));
    }

    @Test
    void shouldAcceptQuotedWords() {
        Token t = ConntrackdLexer.tokenize("\"my iface\"").get(0);
        assertEquals(Token.Kind.WORD, t.kind());
        assertEquals("my iface", t.text());
        assertTrue(t.quoted());
    }

    @Test
    void shouldTurnCharactersWithoutATokenIntoErrors() {
        List<Token> t = ConntrackdLexer.tokenize("Port 3780;\n\"open");
        assertEquals(Token.Kind.ERROR, t.get(2).kind());
        assertEquals("character ';'", t.get(2).text());
        assertEquals(Token.Kind.ERROR, t.get(3).kind());
        assertEquals("an unterminated quoted string", t.get(3).text());
        assertEquals(2, t.get(3).line());
    }
}
