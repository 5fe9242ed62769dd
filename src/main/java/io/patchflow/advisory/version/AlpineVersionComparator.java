package io.patchflow.advisory.version;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A simple model of apk's ordering: dot-separated numbers, an optional letter, suffixes ({@code _alpha < _beta <
 * _pre < _rc <} none {@code < _cvs < _svn < _git < _hg < _p}) and the package revision {@code -rN}. Strings that do
 * not follow that shape fall back to rpm's segment comparison. A later issue replaces it with apk's exact rules.
 */
final class AlpineVersionComparator implements VersionComparator {

    private static final Pattern SHAPE = Pattern.compile(
            "^(\\d+(?:\\.\\d+)*)([a-z]?)((?:_(?:alpha|beta|pre|rc|cvs|svn|git|hg|p)\\d*)*)(?:-r(\\d+))?$");
    private static final Pattern SUFFIX = Pattern.compile("_(alpha|beta|pre|rc|cvs|svn|git|hg|p)(\\d*)");
    private static final List<String> SUFFIX_ORDER = List.of("alpha", "beta", "pre", "rc", "", "cvs", "svn", "git",
            "hg", "p");

    @Override
    public String name() {
        return "apk";
    }

    @Override
    public int compare(String left, String right) {
        Matcher a = SHAPE.matcher(left.strip());
        Matcher b = SHAPE.matcher(right.strip());
        if (!a.matches() || !b.matches()) {
            return RpmVersionComparator.rpmvercmp(left, right);
        }
        String[] numbersA = a.group(1).split("\\.");
        String[] numbersB = b.group(1).split("\\.");
        for (int i = 0; i < Math.min(numbersA.length, numbersB.length); i++) {
            int c = DpkgVersionComparator.compareDigits(numbersA[i], numbersB[i]);
            if (c != 0) {
                return c;
            }
        }
        if (numbersA.length != numbersB.length) {
            return Integer.compare(numbersA.length, numbersB.length);
        }
        int byLetter = a.group(2).compareTo(b.group(2));
        if (byLetter != 0) {
            return Integer.signum(byLetter);
        }
        List<String[]> suffixesA = suffixes(a.group(3));
        List<String[]> suffixesB = suffixes(b.group(3));
        for (int i = 0; i < Math.max(suffixesA.size(), suffixesB.size()); i++) {
            String[] x = i < suffixesA.size() ? suffixesA.get(i) : new String[] {"", "0"};
            String[] y = i < suffixesB.size() ? suffixesB.get(i) : new String[] {"", "0"};
            int c = Integer.compare(SUFFIX_ORDER.indexOf(x[0]), SUFFIX_ORDER.indexOf(y[0]));
            if (c == 0) {
                c = DpkgVersionComparator.compareDigits(x[1], y[1]);
            }
            if (c != 0) {
                return c;
            }
        }
        return DpkgVersionComparator.compareDigits(revision(a), revision(b));
    }

    private static List<String[]> suffixes(String text) {
        List<String[]> result = new ArrayList<>();
        Matcher m = SUFFIX.matcher(text);
        while (m.find()) {
            result.add(new String[] {m.group(1), m.group(2).isEmpty() ? "0" : m.group(2)});
        }
        return result;
    }

    private static String revision(Matcher m) {
        return m.group(4) == null ? "0" : m.group(4);
    }
}
