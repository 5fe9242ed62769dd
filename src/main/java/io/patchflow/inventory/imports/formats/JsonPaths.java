package io.patchflow.inventory.imports.formats;

import com.fasterxml.jackson.databind.JsonMappingException;

/** The JSON path a mapping error points at, written as the validator writes paths: {@code hosts[2].packages[0]}. */
final class JsonPaths {

    private JsonPaths() {
    }

    static String of(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.isEmpty() ? null : path.toString();
    }
}
