/**
 * The web dashboard the daemon serves from its jar: the state the page draws, built from the
 * engine's counters, recorders and block timelines ({@link io.dashcast.tools.dashboard.DashboardState}),
 * and its live feed over server-sent events ({@link io.dashcast.tools.dashboard.DashboardFeed}). The page
 * itself (HTML, a small hand-written JS with SVG charts, CSS) lives in the resources next to it.
 */
package io.dashcast.tools.dashboard;
