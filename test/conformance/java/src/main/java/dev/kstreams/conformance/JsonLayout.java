package dev.kstreams.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;

/**
 * Writes JSON for review in a diff: every element of an array on one line of its own (one record, one
 * input, one store entry per line), other containers on one line when they fit, else opened up with
 * two-space indentation. Output is a pure function of the tree.
 */
final class JsonLayout {
    private static final int LINE_WIDTH = 120;

    private JsonLayout() {
    }

    static String write(final JsonNode node) {
        final StringBuilder out = new StringBuilder();
        write(node, 0, false, out);
        return out.append('\n').toString();
    }

    private static void write(final JsonNode node, final int depth, final boolean inArray, final StringBuilder out) {
        final String compact = compact(node);
        if (!node.isContainerNode() || node.isEmpty() || inArray || depth > 0 && depth * 2 + compact.length() <= LINE_WIDTH) {
            out.append(compact);
            return;
        }
        final String indent = "  ".repeat(depth + 1);
        out.append(node.isObject() ? "{\n" : "[\n");
        if (node.isObject()) {
            final Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                final Map.Entry<String, JsonNode> field = fields.next();
                out.append(indent).append(string(field.getKey())).append(": ");
                write(field.getValue(), depth + 1, false, out);
                out.append(fields.hasNext() ? ",\n" : "\n");
            }
        } else {
            for (int i = 0; i < node.size(); i++) {
                out.append(indent);
                write(node.get(i), depth + 1, true, out);
                out.append(i < node.size() - 1 ? ",\n" : "\n");
            }
        }
        out.append("  ".repeat(depth)).append(node.isObject() ? '}' : ']');
    }

    private static String compact(final JsonNode node) {
        if (node.isObject()) {
            final StringBuilder out = new StringBuilder("{");
            final Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                final Map.Entry<String, JsonNode> field = fields.next();
                out.append(string(field.getKey())).append(": ").append(compact(field.getValue()));
                if (fields.hasNext()) out.append(", ");
            }
            return out.append('}').toString();
        }
        if (node.isArray()) {
            final StringBuilder out = new StringBuilder("[");
            for (int i = 0; i < node.size(); i++) {
                if (i > 0) out.append(", ");
                out.append(compact(node.get(i)));
            }
            return out.append(']').toString();
        }
        return node.toString(); // Jackson writes scalars as valid JSON (strings quoted and escaped)
    }

    private static String string(final String s) {
        return com.fasterxml.jackson.databind.node.TextNode.valueOf(s).toString();
    }
}
