package io.patchflow.inventory.imports;

import io.patchflow.inventory.HostInput;
import io.patchflow.inventory.InventoryFormat;
import io.patchflow.inventory.InventoryFormats;
import io.patchflow.inventory.InventoryImport;
import io.patchflow.inventory.InventoryImportResult;
import io.patchflow.inventory.InventoryLimits;
import io.patchflow.inventory.InventoryTooLargeException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.security.Principal;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
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
            HostParameters host, InputStream body, Principal principal) throws IOException {
        if (contentLength != null && contentLength > limits.maxBytes()) {
            throw new InventoryTooLargeException(null, "The inventory is larger than " + limits.maxBytes()
                    + " bytes (patchflow.inventory.max-body-size); split it into several uploads.");
        }
        InventoryFormat chosen = format != null ? InventoryFormat.named(format)
                : InventoryFormat.forMediaType(contentType);
        List<HostInput> hosts;
        try (body) {
            hosts = InventoryFormats.parse(chosen, body, host.attributes(), limits);
        }
        String how = chosen == InventoryFormat.JSON ? "inventory import" : "inventory import (" + chosen.id() + ")";
        return inventory.importHosts(hosts, how + " by " + principal.getName());
    }

    @ExceptionHandler(InventoryTooLargeException.class)
    @ResponseStatus(HttpStatus.PAYLOAD_TOO_LARGE)
    ProblemDetail tooLarge(InventoryTooLargeException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.PAYLOAD_TOO_LARGE, e.getMessage());
        problem.setType(URI.create("https://patchflow.io/problems/too-large"));
        problem.setTitle("Inventory too large");
        if (e.field() != null) {
            problem.setProperty("field", e.field());
        }
        return problem;
    }
}
