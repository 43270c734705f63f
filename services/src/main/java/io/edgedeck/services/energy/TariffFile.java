package io.edgedeck.services.energy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * The tariff as {@code tariff.json} beside settings.json:
 * <pre>{ "currency": "€", "bands": [ {"from": "07:00", "to": "23:00", "price": 0.32},
 *                                 {"from": "23:00", "to": "07:00", "price": 0.18} ] }</pre>
 * A flat price is one band from 00:00 to 00:00. A missing file is the default tariff; a broken one is reported with
 * its path. Written atomically.
 */
public final class TariffFile implements TariffStore {
    private final Path file;
    private final ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public TariffFile(Path file) {
        this.file = file;
    }

    @Override
    public Tariff load() {
        if (!Files.exists(file)) {
            return Tariff.defaultTariff();
        }
        try {
            JsonNode root = json.readTree(file.toFile());
            List<TariffBand> bands = new ArrayList<>();
            for (JsonNode b : root.path("bands")) {
                bands.add(new TariffBand(LocalTime.parse(b.path("from").asText()), LocalTime.parse(b.path("to").asText()),
                        b.path("price").asDouble(Double.NaN)));
            }
            return new Tariff(root.path("currency").asText("€"), bands);
        } catch (IOException | DateTimeParseException | IllegalArgumentException e) {
            throw new IllegalStateException("The tariff file " + file + " cannot be read (" + e.getMessage()
                    + "). Fix or delete it to start with the default tariff.", e);
        }
    }

    @Override
    public void save(Tariff tariff) {
        ObjectNode root = json.createObjectNode();
        root.put("currency", tariff.currency());
        ArrayNode bands = root.putArray("bands");
        for (TariffBand b : tariff.bands()) {
            bands.addObject().put("from", b.start().toString()).put("to", b.end().toString()).put("price", b.pricePerKwh());
        }
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Path tmp = Files.createTempFile(file.toAbsolutePath().getParent(), "tariff", ".tmp");
            json.writeValue(tmp.toFile(), root);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the tariff file " + file + ": " + e.getMessage(), e);
        }
    }

    public Path file() {
        return file;
    }
}
