package io.patchflow.itsm.jira;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Texts as each Jira wants them: Cloud (v3) takes Atlassian Document Format, where text is data and cannot turn into
 * markup; Data Center (v2) takes wiki markup, where the characters that open macros, links, tables and images are
 * escaped so that a reason typed by a person cannot inject any.
 */
interface JiraText {

    /** A text with its author in bold in front, as the body of a comment. */
    Object authored(String author, String text);

    Object plain(String text);

    static JiraText of(JiraFlavour flavour) {
        return flavour == JiraFlavour.CLOUD ? new Adf() : new Wiki();
    }

    final class Adf implements JiraText {

        @Override
        public Object authored(String author, String text) {
            List<Object> paragraphs = paragraphs(text);
            List<Object> first = new ArrayList<>();
            first.add(Map.of("type", "text", "text", author + ": ", "marks", List.of(Map.of("type", "strong"))));
            return doc(paragraphs, first);
        }

        @Override
        public Object plain(String text) {
            return doc(paragraphs(text), List.of());
        }

        private static Map<String, Object> doc(List<Object> paragraphs, List<Object> prefix) {
            if (!prefix.isEmpty()) {
                @SuppressWarnings("unchecked")
                Map<String, Object> head = (Map<String, Object>) paragraphs.get(0);
                List<Object> content = new ArrayList<>(prefix);
                content.addAll((List<?>) head.get("content"));
                paragraphs.set(0, Map.of("type", "paragraph", "content", content));
            }
            return Map.of("type", "doc", "version", 1, "content", paragraphs);
        }

        /** One paragraph per line; ADF refuses empty text nodes, so empty lines become empty paragraphs. */
        private static List<Object> paragraphs(String text) {
            List<Object> paragraphs = new ArrayList<>();
            for (String line : (text == null ? "" : text).split("\n", -1)) {
                paragraphs.add(Map.of("type", "paragraph", "content",
                        line.isEmpty() ? List.of() : List.of(Map.of("type", "text", "text", line))));
            }
            return paragraphs;
        }
    }

    final class Wiki implements JiraText {

        @Override
        public Object authored(String author, String text) {
            return "*" + escape(author) + "*: " + escape(text);
        }

        @Override
        public Object plain(String text) {
            return escape(text);
        }

        static String escape(String text) {
            StringBuilder escaped = new StringBuilder();
            for (char c : (text == null ? "" : text).toCharArray()) {
                if ("{}[]|!*_^~+".indexOf(c) >= 0) {
                    escaped.append('\\');
                }
                escaped.append(c);
            }
            return escaped.toString();
        }
    }
}
