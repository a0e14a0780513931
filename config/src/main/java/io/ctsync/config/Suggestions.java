package io.ctsync.config;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/** "Did you mean" suggestions: the closest candidate by edit distance, if it is close enough. */
public final class Suggestions {
    private Suggestions() {}

    /**
     * The candidate closest to {@code word} (case, '-' and '_' ignored), provided the distance is
     * small relative to the word's length; empty otherwise.
     */
    public static Optional<String> closest(String word, Collection<String> candidates) {
        String w = normalize(word);
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String c : candidates) {
            int d = distance(w, normalize(c));
            if (d < bestDistance) {
                best = c;
                bestDistance = d;
            }
        }
        if (best == null) {
            return Optional.empty();
        }
        int allowed =
                Math.max(1, Math.min(3, Math.max(w.length(), normalize(best).length()) / 3));
        return bestDistance <= allowed ? Optional.of(best) : Optional.empty();
    }

    /** {@code did you mean 'x'?} for the closest candidate, or empty. */
    public static String hint(String word, Collection<String> candidates) {
        return closest(word, candidates).map(c -> "did you mean '" + c + "'?").orElse("");
    }

    static String normalize(String s) {
        return s.toLowerCase(Locale.ROOT).replace("-", "").replace("_", "");
    }

    /**
     * Edit distance counting an insertion, deletion, substitution or swap of two adjacent
     * characters as 1 (optimal string alignment).
     */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                int v = Math.min(d[i - 1][j - 1] + cost, Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1));
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    v = Math.min(v, d[i - 2][j - 2] + 1);
                }
                d[i][j] = v;
            }
        }
        return d[a.length()][b.length()];
    }
}
