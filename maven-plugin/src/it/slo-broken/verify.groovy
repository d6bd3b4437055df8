// The build failed in spotsim:verify, and its message names the broken SLO with what was measured.
def log = new File(basedir, 'build.log').text
assert log.contains('it-slo-broken (scenario.yaml): FAIL: 1 SLO(s) broken') : 'expected: log.contains("it-slo-broken (scenario.yaml): FAIL: 1 SLO(s) broken")'
assert log.contains('spotsim: 1 of 1 scenario run(s) broke an SLO') : 'expected: log.contains("spotsim: 1 of 1 scenario run(s) broke an SLO")'
assert log =~ /BROKEN\s+drainTime\.p95 = [0-9.]+s, expected < 1s/ : 'expected: log =~ /BROKENs+drainTime.p95 = [0-9.]+s, expected < 1s/'
assert log.contains('spotsim-maven-plugin') && log.contains(':verify') && log.contains('BUILD FAILURE') : 'expected: log.contains("spotsim-maven-plugin") && log.contains(":verify") && log.contains("BUILD FAILURE")'

def junit = new File(basedir, 'target/failsafe-reports/TEST-spotsim-it-slo-broken.xml')
assert junit.isFile() : 'expected: junit.isFile()'
assert junit.text.contains('failures="1"') : 'expected: junit.text.contains("failures="1"")'
assert junit.text.contains('type="SloBroken"') : 'expected: junit.text.contains("type="SloBroken"")'
