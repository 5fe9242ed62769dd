package io.patchflow.advisory.risk;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.patchflow.shared.BadInputException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Loads a KEV catalog or an EPSS file as published, keeping what the file says about itself. */
@Service
public class RiskFeedImporter {

    /** A loaded KEV catalog: its version and release time as CISA states them, and the entries stored. */
    public record KevLoad(String catalogVersion, OffsetDateTime dateReleased, int entries) {
    }

    /** A loaded EPSS file: the model version and score date from its first line, and the scores stored. */
    public record EpssLoad(String modelVersion, LocalDate scoreDate, int scores) {
    }

    private final ObjectMapper mapper;
    private final RiskFeedStore store;

    RiskFeedImporter(ObjectMapper mapper, RiskFeedStore store) {
        this.mapper = mapper;
        this.store = store;
    }

    @Transactional
    public KevLoad importKev(InputStream json) {
        JsonNode tree;
        try {
            tree = mapper.readTree(json);
        } catch (JsonProcessingException e) {
            var location = e.getLocation();
            throw new BadInputException(null, "not valid JSON" + (location == null ? "" : " at line "
                    + location.getLineNr() + ", column " + location.getColumnNr()) + ": " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        KevFeedParser.Catalog catalog = KevFeedParser.parse(tree);
        int stored = store.storeKev(catalog.entries(), catalog.version());
        return new KevLoad(catalog.version(), catalog.dateReleased(), stored);
    }

    @Transactional
    public EpssLoad importEpss(InputStream csv) {
        try {
            EpssFeedParser.EpssFile file = EpssFeedParser.parse(csv);
            return new EpssLoad(file.modelVersion(), file.scoreDate(), store.storeEpss(file.scores(),
                    file.modelVersion()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
