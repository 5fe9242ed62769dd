package io.patchflow.advisory.osv;

import com.fasterxml.jackson.databind.JsonNode;

/** One OSV object read from a body or a zip, with the path that names it in messages ("[2]", "a/B-1.json:"). */
public record OsvDocument(JsonNode node, String path) {
}
