package io.dashcast.tools.config;

import java.util.Locale;

/**
 * How early a peer gets a block (the seed's vocabulary): critical peers are written first.
 */
public enum Priority
{
    /** Mining pools, exchanges, the local dashd: always tried first. */
    CRITICAL,
    /** Block explorers and well-connected nodes. */
    HIGH,
    /** Regular network nodes. */
    NORMAL;

    /**
     * @return the name used in configuration files: {@code critical}, {@code high}, {@code normal}.
     */
    public String configName()
    {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * @param name as written in a configuration file.
     * @return the priority, or null when the name is not one.
     */
    static Priority fromConfigName(final String name)
    {
        for (final Priority priority : values())
        {
            if (priority.configName().equals(name))
            {
                return priority;
            }
        }
        return null;
    }
}
