/**
 * The {@code dashcast} command: {@link io.dashcast.tools.DashcastMain} and one class per
 * sub-command ({@code decode}, later {@code run}, {@code send}, {@code probe}, {@code sim-peer},
 * {@code demo}, {@code feed}). Bad user input is a {@link io.dashcast.tools.BadInputException}:
 * one line on stderr and exit status 2, never a stack trace.
 */
package io.dashcast.tools;
