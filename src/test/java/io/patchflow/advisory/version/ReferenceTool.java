package io.patchflow.advisory.version;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A system tool that orders versions, run once for a whole batch: one input line per comparison on stdin, one
 * result line (-1, 0 or 1) per comparison on stdout. One process for 100,000 pairs takes a second or two; a process
 * per pair would take minutes.
 */
record ReferenceTool(String name, String installHint, List<String> command) {

    /**
     * dpkg's ordering through perl's Dpkg::Version: the same algorithm as {@code dpkg --compare-versions}, except that
     * perl compares digit runs as floating-point numbers, so runs longer than 15 digits must go to dpkg itself.
     */
    static ReferenceTool dpkg() {
        return new ReferenceTool("Dpkg::Version (dpkg-dev)", "apt-get install -y --no-install-recommends dpkg-dev",
                List.of("perl", "-MDpkg::Version", "-ne", "chomp; my ($a, $b) = split /\\t/, $_, 2; "
                        + "my $r = eval { version_compare($a, $b) }; "
                        + "print defined $r ? \"$r\\n\" : \"invalid version\\n\";"));
    }

    /** rpm's own ordering through Debian's python3-rpm ({@code rpm.labelCompare} on epoch, version, release). */
    static ReferenceTool rpm() {
        return new ReferenceTool("python3-rpm (rpm.labelCompare)",
                "apt-get install -y --no-install-recommends python3-rpm",
                List.of("/usr/bin/python3", "-c", """
                        import sys, rpm
                        for line in sys.stdin:
                            e1, v1, r1, e2, v2, r2 = [part or None for part in line.rstrip('\\n').split('\\t')]
                            print(rpm.labelCompare((e1, v1, r1), (e2, v2, r2)))
                        """));
    }

    /** PyPI's ordering through Debian's python3-packaging ({@code packaging.version.Version}). */
    static ReferenceTool pep440() {
        return new ReferenceTool("python3-packaging (packaging.version.Version)",
                "apt-get install -y --no-install-recommends python3-packaging",
                List.of("/usr/bin/python3", "-c", """
                        import sys
                        from packaging.version import Version
                        for line in sys.stdin:
                            a, b = line.rstrip('\\n').split('\\t')
                            try:
                                x, y = Version(a), Version(b)
                                print(-1 if x < y else (0 if x == y else 1))
                            except Exception as e:
                                print('invalid version:', e)
                        """));
    }

    /** Runs the tool over all input lines (fields separated by tabs) and returns its answers in order. */
    List<Integer> answers(List<String> lines, Path workDir) throws IOException, InterruptedException {
        Path input = Files.write(workDir.resolve(name.replaceAll("\\W", "_") + ".in"), lines, StandardCharsets.UTF_8);
        Path errors = workDir.resolve(name.replaceAll("\\W", "_") + ".err");
        Process process;
        try {
            process = new ProcessBuilder(command).redirectInput(input.toFile()).redirectError(errors.toFile()).start();
        } catch (IOException e) {
            return fail("%s is required by this test and could not be started (%s); install it: %s", name,
                    e.getMessage(), installHint);
        }
        List<String> out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines()
                .toList();
        int exit = process.waitFor();
        if (exit != 0 || out.size() != lines.size()) {
            fail("%s failed (exit %d, %d answers for %d questions): %s%nInstall it if it is missing: %s", name, exit,
                    out.size(), lines.size(), Files.readString(errors), installHint);
        }
        for (int i = 0; i < out.size(); i++) {
            if (!out.get(i).matches("-?[01]")) {
                fail("%s refused input line %d (%s): %s", name, i + 1, lines.get(i), out.get(i));
            }
        }
        return out.stream().map(Integer::valueOf).toList();
    }
}
