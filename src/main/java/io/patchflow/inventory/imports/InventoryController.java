package io.patchflow.inventory.imports;

import io.patchflow.inventory.HostInput;
import io.patchflow.inventory.InventoryFormat;
import io.patchflow.inventory.InventoryFormats;
import io.patchflow.inventory.InventoryImport;
import io.patchflow.inventory.InventoryImportResult;
import io.patchflow.inventory.InventoryLimits;
import io.patchflow.inventory.InventoryTooLargeException;
import io.patchflow.inventory.InventoryUnreadableException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.security.Principal;
import java.util.List;
import org.springdoc.core.annotations.ParameterObject;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/v1/inventory}: hosts with their complete package lists, in any of the {@link InventoryFormat}s,
 * chosen by {@code ?format=} or else by the content type. The body is streamed through the parser (never bound as a
 * whole) and the hosts are imported only once all of it has been read and checked.
 */
@RestController
class InventoryController {

    private final InventoryImport inventory;
    private final InventoryLimits limits;

    InventoryController(InventoryImport inventory, InventoryProperties properties) {
        this.inventory = inventory;
        this.limits = properties.limits();
    }

    // No form content type: its body would be taken for form parameters before it reaches the parser.
    @PostMapping(path = "/api/v1/inventory", consumes = {MediaType.APPLICATION_JSON_VALUE, "text/csv",
        MediaType.TEXT_PLAIN_VALUE, "text/tab-separated-values", "application/vnd.cyclonedx+json",
        "application/vnd.cyclonedx+xml", MediaType.APPLICATION_XML_VALUE, MediaType.TEXT_XML_VALUE,
        MediaType.APPLICATION_OCTET_STREAM_VALUE})
    InventoryImportResult importInventory(@RequestParam(required = false) String format,
            @RequestHeader(name = HttpHeaders.CONTENT_TYPE, required = false) String contentType,
            @RequestHeader(name = HttpHeaders.CONTENT_LENGTH, required = false) Long contentLength,
            @ParameterObject HostParameters host, InputStream body, Principal principal) throws IOException {
        if (contentLength != null && contentLength > limits.maxBytes()) {
            throw new InventoryTooLargeException(null, "The inventory is larger than " + limits.maxBytes()
                    + " bytes (patchflow.inventory.max-body-size); split it into several uploads.");
        }
        InventoryFormat chosen = format != null ? InventoryFormat.named(format)
                : InventoryFormat.forMediaType(contentType).orElseThrow(() -> formatNeeded(contentType));
        List<HostInput> hosts;
        try (body) {
            hosts = InventoryFormats.parse(chosen, body, host.attributes(), limits);
        }
        String how = chosen == InventoryFormat.JSON ? "inventory import" : "inventory import (" + chosen.id() + ")";
        return inventory.importHosts(hosts, how + " by " + principal.getName());
    }

    /** 415: a content type that the endpoint reads, but that does not say which of the text formats it holds. */
    private static ErrorResponseException formatNeeded(String contentType) {
        ProblemDetail problem = problem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported-media-type",
                "Inventory format not named", "The content type '" + contentType + "' does not tell the inventory "
                + "format: name it with ?format= (" + InventoryFormat.ids() + ").", "format");
        return new ErrorResponseException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, problem, null);
    }

    @ExceptionHandler(InventoryTooLargeException.class)
    @ResponseStatus(HttpStatus.PAYLOAD_TOO_LARGE)
    ProblemDetail tooLarge(InventoryTooLargeException e) {
        return problem(HttpStatus.PAYLOAD_TOO_LARGE, "too-large", "Inventory too large", e.getMessage(), e.field());
    }

    /** Broken JSON or XML is an unreadable body, as on every other endpoint (docs/api.md). */
    @ExceptionHandler(InventoryUnreadableException.class)
    @ResponseStatus(HttpStatus.BAD_REQUEST)
    ProblemDetail unreadable(InventoryUnreadableException e) {
        return problem(HttpStatus.BAD_REQUEST, "unreadable-body", "Unreadable request body", e.getMessage(),
                e.field());
    }

    private static ProblemDetail problem(HttpStatus status, String type, String title, String detail, String field) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create("https://patchflow.io/problems/" + type));
        problem.setTitle(title);
        if (field != null) {
            problem.setProperty("field", field);
        }
        return problem;
    }
}
