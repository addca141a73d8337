package org.initlab.io;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads a YAML document (SnakeYAML's composer, YAML 1.1 core tags) into the same {@link JsonTree}
 * a JSON file gives, so one validation path serves both: mappings become objects, sequences
 * arrays, scalars numbers ({@code !!int}, {@code !!float}), booleans, nulls or strings by their
 * resolved tag. Offsets ({@link JsonTree#at()}) are character offsets into the text (byte offsets
 * for ASCII files). One document only; keys must be unique strings; aliases are refused (a spec
 * file has no use for them, and they are how "billion laughs" inputs grow).
 */
public final class YamlTree {
    private YamlTree() {}

    /**
     * Parses UTF-8 {@code bytes}; bytes that are not valid UTF-8 are refused at their offset, as
     * {@link JsonTree} refuses them, rather than read as replacement characters.
     *
     * @param source the file's name, for messages
     * @throws FormatException on a syntax error (with SnakeYAML's reason), an empty document, more
     *     than one document, a duplicate or non-string key, or an alias
     */
    public static JsonTree parse(byte[] bytes, String source) throws FormatException {
        java.nio.charset.CharsetDecoder utf8 = java.nio.charset.StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT);
        java.nio.ByteBuffer in = java.nio.ByteBuffer.wrap(bytes);
        java.nio.CharBuffer out = java.nio.CharBuffer.allocate(bytes.length);
        java.nio.charset.CoderResult r = utf8.decode(in, out, true);
        if (r.isError()) {
            throw new FormatException(source, in.position(), "not valid UTF-8 (a YAML file must be UTF-8 text)");
        }
        utf8.flush(out);
        return parse(out.flip().toString(), source);
    }

    /**
     * Parses {@code text}.
     *
     * @param source the file's name, for messages
     * @throws FormatException on a syntax error (with SnakeYAML's reason), an empty document, more
     *     than one document, a duplicate or non-string key, or an alias
     */
    public static JsonTree parse(String text, String source) throws FormatException {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setMaxAliasesForCollections(0);
        options.setAllowRecursiveKeys(false);
        options.setNestingDepthLimit(JsonTree.MAX_DEPTH);
        Yaml yaml = new Yaml(new SafeConstructor(options));
        List<Node> documents = new ArrayList<>();
        try {
            for (Node n : yaml.composeAll(new StringReader(text))) {
                documents.add(n);
            }
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            throw new FormatException(
                    source,
                    mark == null ? 0 : mark.getIndex(),
                    "not valid YAML: "
                            + (e.getProblem() != null
                                    ? e.getProblem()
                                    : e.getMessage().lines().findFirst().orElse("")));
        } catch (YAMLException e) {
            throw new FormatException(
                    source,
                    0,
                    "not valid YAML: " + e.getMessage().lines().findFirst().orElse(""));
        }
        if (documents.size() != 1) {
            throw new FormatException(
                    source,
                    documents.size() > 1 ? documents.get(1).getStartMark().getIndex() : 0,
                    documents.isEmpty() ? "an empty YAML document" : "more than one YAML document; give one");
        }
        return tree(documents.get(0), source);
    }

    private static JsonTree tree(Node node, String source) throws FormatException {
        int at = node.getStartMark().getIndex();
        if (node.getAnchor() != null) {
            throw new FormatException(source, at, "YAML anchors and aliases are not accepted here");
        }
        if (node instanceof MappingNode map) {
            List<JsonTree.Member> members = new ArrayList<>();
            Set<String> keys = new HashSet<>();
            for (NodeTuple t : map.getValue()) {
                if (!(t.getKeyNode() instanceof ScalarNode key) || !key.getTag().equals(Tag.STR)) {
                    throw new FormatException(
                            source, t.getKeyNode().getStartMark().getIndex(), "keys must be strings");
                }
                if (!keys.add(key.getValue())) {
                    throw new FormatException(
                            source, key.getStartMark().getIndex(), "duplicate key '" + key.getValue() + "'");
                }
                members.add(new JsonTree.Member(
                        key.getValue(), key.getStartMark().getIndex(), tree(t.getValueNode(), source)));
            }
            return new JsonTree.Obj(members, at);
        }
        if (node instanceof SequenceNode seq) {
            List<JsonTree> items = new ArrayList<>();
            for (Node item : seq.getValue()) {
                items.add(tree(item, source));
            }
            return new JsonTree.Arr(items, at);
        }
        ScalarNode scalar = (ScalarNode) node;
        Tag tag = scalar.getTag();
        if (tag.equals(Tag.INT) || tag.equals(Tag.FLOAT)) {
            return new JsonTree.Num(scalar.getValue().replace("_", ""), at);
        }
        if (tag.equals(Tag.BOOL)) {
            return new JsonTree.Bool(
                    Boolean.parseBoolean(scalar.getValue().toLowerCase(java.util.Locale.ROOT))
                            || scalar.getValue().equalsIgnoreCase("yes")
                            || scalar.getValue().equalsIgnoreCase("on"),
                    at);
        }
        if (tag.equals(Tag.NULL)) {
            return new JsonTree.Null(at);
        }
        return new JsonTree.Str(scalar.getValue(), at);
    }
}
