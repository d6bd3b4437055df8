/**
 * Inside the Gatling run: the Simulation class Gatling instantiates, the simulation generated from a
 * scenario's load section, and the tap that reports each finished request and lets the run be stopped.
 * Not an API: {@link dev.spotsim.gatling.GatlingLoad} is the way in.
 */
package dev.spotsim.gatling.engine;
