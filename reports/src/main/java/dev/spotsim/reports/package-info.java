/** spotsim reports module: see shared DESIGN.md section 1; its content arrives with a later issue. */
package dev.spotsim.reports;
