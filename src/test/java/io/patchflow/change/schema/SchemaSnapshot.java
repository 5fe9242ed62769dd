package io.patchflow.change.schema;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What a schema is made of, read from the database's catalog: tables (and their storage options), columns with
 * type, length, precision, nullability, default and identity, constraints with their definitions, indexes,
 * triggers and functions. One sorted list of lines per kind of object, with the schema's own name taken out, so two
 * schemas built by different paths compare equal exactly when they have the same structure. Flyway's history table
 * is left out: it records the path, not the result.
 */
record SchemaSnapshot(Map<String, List<String>> objects) {

    private static final String HISTORY = "patchflow_schema_history";

    static SchemaSnapshot ofPostgres(Connection c, String schema) throws SQLException {
        Map<String, List<String>> objects = new LinkedHashMap<>();
        objects.put("tables", lines(c, schema, """
                SELECT c.relname, c.relkind, c.relpersistence, array_to_string(c.reloptions, ',')
                FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE n.nspname = ? AND c.relkind IN ('r', 'p', 'S', 'v', 'm')""", schema));
        objects.put("columns", lines(c, schema, """
                SELECT table_name, column_name, data_type, character_maximum_length, numeric_precision,
                       numeric_scale, is_nullable, column_default, is_identity, identity_generation
                FROM information_schema.columns WHERE table_schema = ?""", schema));
        objects.put("constraints", lines(c, schema, """
                SELECT rel.relname, con.conname, con.contype, pg_get_constraintdef(con.oid)
                FROM pg_constraint con JOIN pg_class rel ON rel.oid = con.conrelid
                JOIN pg_namespace n ON n.oid = rel.relnamespace WHERE n.nspname = ?""", schema));
        objects.put("indexes", lines(c, schema, """
                SELECT tablename, indexname, indexdef FROM pg_indexes WHERE schemaname = ?""", schema));
        objects.put("triggers", lines(c, schema, """
                SELECT c.relname, t.tgname, pg_get_triggerdef(t.oid), t.tgenabled
                FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE n.nspname = ? AND NOT t.tgisinternal""", schema));
        objects.put("functions", lines(c, schema, """
                SELECT p.proname, pg_get_function_identity_arguments(p.oid), md5(p.prosrc)
                FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = ?""", schema));
        return new SchemaSnapshot(objects);
    }

    static SchemaSnapshot ofH2(Connection c) throws SQLException {
        String schema = "PUBLIC";
        Map<String, List<String>> objects = new LinkedHashMap<>();
        objects.put("tables", lines(c, schema, """
                SELECT TABLE_NAME, TABLE_TYPE FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_SCHEMA = ?""", schema));
        objects.put("columns", lines(c, schema, """
                SELECT TABLE_NAME, COLUMN_NAME, DATA_TYPE, CHARACTER_MAXIMUM_LENGTH, NUMERIC_PRECISION, NUMERIC_SCALE,
                       IS_NULLABLE, COLUMN_DEFAULT, IS_IDENTITY, IDENTITY_GENERATION
                FROM INFORMATION_SCHEMA.COLUMNS WHERE TABLE_SCHEMA = ?""", schema));
        objects.put("constraints", lines(c, schema, """
                SELECT tc.TABLE_NAME, tc.CONSTRAINT_NAME, tc.CONSTRAINT_TYPE,
                       (SELECT LISTAGG(k.COLUMN_NAME, ',') WITHIN GROUP (ORDER BY k.ORDINAL_POSITION)
                        FROM INFORMATION_SCHEMA.KEY_COLUMN_USAGE k
                        WHERE k.CONSTRAINT_SCHEMA = tc.CONSTRAINT_SCHEMA AND k.CONSTRAINT_NAME = tc.CONSTRAINT_NAME),
                       cc.CHECK_CLAUSE, rc.UNIQUE_CONSTRAINT_NAME, rc.UPDATE_RULE, rc.DELETE_RULE
                FROM INFORMATION_SCHEMA.TABLE_CONSTRAINTS tc
                LEFT JOIN INFORMATION_SCHEMA.CHECK_CONSTRAINTS cc
                       ON cc.CONSTRAINT_SCHEMA = tc.CONSTRAINT_SCHEMA AND cc.CONSTRAINT_NAME = tc.CONSTRAINT_NAME
                LEFT JOIN INFORMATION_SCHEMA.REFERENTIAL_CONSTRAINTS rc
                       ON rc.CONSTRAINT_SCHEMA = tc.CONSTRAINT_SCHEMA AND rc.CONSTRAINT_NAME = tc.CONSTRAINT_NAME
                WHERE tc.TABLE_SCHEMA = ?""", schema));
        objects.put("indexes", lines(c, schema, """
                SELECT i.TABLE_NAME, i.INDEX_NAME, i.INDEX_TYPE_NAME,
                       (SELECT LISTAGG(ic.COLUMN_NAME || ' ' || ic.ORDERING_SPECIFICATION, ',')
                               WITHIN GROUP (ORDER BY ic.ORDINAL_POSITION)
                        FROM INFORMATION_SCHEMA.INDEX_COLUMNS ic
                        WHERE ic.INDEX_SCHEMA = i.INDEX_SCHEMA AND ic.INDEX_NAME = i.INDEX_NAME)
                FROM INFORMATION_SCHEMA.INDEXES i WHERE i.INDEX_SCHEMA = ?""", schema));
        objects.put("triggers", lines(c, schema, """
                SELECT EVENT_OBJECT_TABLE, TRIGGER_NAME, EVENT_MANIPULATION, ACTION_TIMING, JAVA_CLASS
                FROM INFORMATION_SCHEMA.TRIGGERS WHERE TRIGGER_SCHEMA = ?""", schema));
        return new SchemaSnapshot(objects);
    }

    /** The rows of a catalog query as "a | b | c" lines, sorted, without Flyway's history table. */
    private static List<String> lines(Connection c, String schema, String sql, String parameter)
            throws SQLException {
        Pattern qualifier = Pattern.compile("\\b" + Pattern.quote(schema) + "\\.", Pattern.CASE_INSENSITIVE);
        List<String> lines = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, parameter);
            try (ResultSet rs = s.executeQuery()) {
                int columns = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    StringBuilder line = new StringBuilder();
                    for (int i = 1; i <= columns; i++) {
                        line.append(i == 1 ? "" : " | ").append(rs.getString(i));
                    }
                    String text = qualifier.matcher(line).replaceAll("");
                    if (!text.toLowerCase(java.util.Locale.ROOT).contains(HISTORY)) {
                        lines.add(text);
                    }
                }
            }
        }
        lines.sort(null);
        return lines;
    }
}
