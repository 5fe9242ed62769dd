package io.patchflow.inventory.imports;

import io.patchflow.inventory.HostInput;
import io.patchflow.inventory.InventoryImport;
import io.patchflow.inventory.InventoryImportResult;
import java.security.Principal;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /api/v1/inventory}: hosts with their complete package lists. */
@RestController
class InventoryController {

    private final InventoryImport inventory;

    InventoryController(InventoryImport inventory) {
        this.inventory = inventory;
    }

    record InventoryRequest(List<HostInput> hosts) {
    }

    @PostMapping(path = "/api/v1/inventory", consumes = MediaType.APPLICATION_JSON_VALUE)
    InventoryImportResult importInventory(@RequestBody InventoryRequest request, Principal principal) {
        return inventory.importHosts(request.hosts(), "inventory import by " + principal.getName());
    }
}
