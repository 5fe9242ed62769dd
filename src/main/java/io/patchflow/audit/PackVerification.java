package io.patchflow.audit;

import java.util.List;

/**
 * What checking an exported evidence pack found: the file's format, how it was signed ({@code algorithm},
 * {@code keyId}), how many entries it holds, and every problem in words. Valid only without problems: the signature
 * matches the bytes, and every entry's hash and link recompute. {@code headSeq} and {@code headHash} are the
 * chain's end when the pack was exported: an anchor the live chain must still hold.
 */
public record PackVerification(String format, String algorithm, String keyId, int entries, Long headSeq,
        String headHash, List<String> problems) {

    public PackVerification {
        problems = List.copyOf(problems);
    }

    public boolean valid() {
        return problems.isEmpty();
    }
}
