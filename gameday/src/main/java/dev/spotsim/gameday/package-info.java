/**
 * spotsim game day: a scenario played on real AWS through SDK v2. EC2 finds and watches the targets
 * ({@code ec2}), FIS interrupts them ({@code fis}), SSM Run Command drives load ({@code ssm}), a plan
 * says beforehand what will be touched ({@code plan}) and a run carries it out with its safety rails ({@code run}).
 */
package dev.spotsim.gameday;
