package io.dashcast.tools.config;

import java.util.List;
import java.util.Map;

/**
 * A configuration document as read by {@link WireTreeReader}: maps, lists and scalars, each
 * with the 1-based line it starts on, so validation can name the line of any problem.
 */
sealed interface ConfigNode permits ConfigNode.MapNode, ConfigNode.ListNode, ConfigNode.ScalarNode
{
    /**
     * @return 1-based line the node starts on.
     */
    int line();

    /**
     * A mapping, keys in document order.
     *
     * @param line   where it starts.
     * @param fields by key.
     */
    record MapNode(int line, Map<String, Field> fields) implements ConfigNode
    {
    }

    /**
     * One key of a mapping.
     *
     * @param key   as written.
     * @param line  line of the key.
     * @param value its value.
     */
    record Field(String key, int line, ConfigNode value)
    {
    }

    /**
     * A sequence.
     *
     * @param line  where it starts.
     * @param items in order.
     */
    record ListNode(int line, List<ConfigNode> items) implements ConfigNode
    {
    }

    /**
     * A scalar as Chronicle Wire typed it: {@code String}, {@code Long}, {@code Double},
     * {@code Boolean} or {@code null}.
     *
     * @param line  where it is.
     * @param value the value.
     */
    record ScalarNode(int line, Object value) implements ConfigNode
    {
    }
}
