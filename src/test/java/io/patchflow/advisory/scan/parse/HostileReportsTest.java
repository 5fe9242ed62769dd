package io.patchflow.advisory.scan.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.patchflow.shared.BadInputException;
import org.junit.jupiter.api.Test;

/** Reports built to attack the parser are refused before they can do harm, with a 400 that says why. */
class HostileReportsTest {

    static final String BILLION_LAUGHS = """
            <?xml version="1.0"?>
            <!DOCTYPE lolz [
             <!ENTITY lol "lol">
             <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
             <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
             <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
             <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
             <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
             <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
             <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
             <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
            ]>
            <NessusClientData_v2><Report><ReportHost name="&lol9;"/></Report></NessusClientData_v2>""";

    static final String EXTERNAL_ENTITY = """
            <?xml version="1.0"?>
            <!DOCTYPE report [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
            <report><report><results><result><host>&xxe;</host><nvt oid="1"/><severity>5</severity></result>
            </results></report></report>""";

    @Test
    void billionLaughsIsRefusedAtItsDoctype() {
        assertThatThrownBy(() -> Reports.text(ScanFormat.NESSUS, BILLION_LAUGHS))
                .isInstanceOfSatisfying(BadInputException.class, e -> {
                    // The parser reports the DOCTYPE where it ends, before any entity is expanded.
                    assertThat(e.field()).isEqualTo("line 12");
                    assertThat(e.getMessage()).contains("DOCTYPE");
                });
    }

    @Test
    void anExternalEntityIsRefusedAndNeverRead() {
        assertThatThrownBy(() -> Reports.text(ScanFormat.OPENVAS, EXTERNAL_ENTITY))
                .isInstanceOfSatisfying(BadInputException.class, e -> {
                    assertThat(e.getMessage()).contains("DOCTYPE").doesNotContain("root:");
                    assertThat(e.field()).isEqualTo("line 2");
                });
    }

    @Test
    void aDoctypeInACycloneDxXmlBomIsRefusedToo() {
        assertThatThrownBy(() -> Reports.text(ScanFormat.CYCLONEDX, "<!DOCTYPE bom SYSTEM \"http://example.org/x.dtd\">"
                + "<bom xmlns=\"http://cyclonedx.org/schema/bom/1.5\"/>"))
                .isInstanceOf(BadInputException.class).hasMessageContaining("DOCTYPE");
    }

    @Test
    void brokenXmlIsRefusedNamingTheLine() {
        assertThatThrownBy(() -> Reports.text(ScanFormat.NESSUS, "<NessusClientData_v2>\n<Report>\n<ReportHost name=\"a\">"
                + "\n</Report>"))
                .isInstanceOfSatisfying(BadInputException.class, e -> {
                    assertThat(e.field()).isEqualTo("line 4");
                    assertThat(e.getMessage()).contains("not well-formed XML");
                });
    }

    @Test
    void jsonPostedAsAnXmlFormatIsRefusedNamingTheFormat() {
        assertThatThrownBy(() -> Reports.text(ScanFormat.NESSUS, "  {\"results\":[]}"))
                .isInstanceOfSatisfying(BadInputException.class, e -> assertThat(e.field()).isEqualTo("format"));
    }

    @Test
    void anUnknownFormatIsRefusedListingTheValidOnes() {
        assertThatThrownBy(() -> ScanFormat.of("qualys"))
                .isInstanceOfSatisfying(BadInputException.class, e -> {
                    assertThat(e.field()).isEqualTo("format");
                    assertThat(e.getMessage()).contains("trivy, grype, osv-scanner, openvas, nessus, cyclonedx, sarif");
                });
    }
}
