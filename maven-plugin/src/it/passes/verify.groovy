// The build passed: one run directory with its record, the JUnit XML where CI reads it, and a quiet build log.
def log = new File(basedir, 'build.log').text
assert log.contains('spotsim: running it-passes (scenario.yaml)') : 'expected: log.contains("spotsim: running it-passes (scenario.yaml)")'
assert log.contains('it-passes (scenario.yaml): PASS: every SLO holds') : 'expected: log.contains("it-passes (scenario.yaml): PASS: every SLO holds")'
assert log.contains('spotsim: every SLO holds in 1 scenario run(s)') : 'expected: log.contains("spotsim: every SLO holds in 1 scenario run(s)")'
assert log.contains('interruptions[0]:') : 'the progress of the run reaches the build log'

def runs = new File(basedir, 'target/spotsim').listFiles().findAll { it.isDirectory() && it.name.endsWith('-it-passes') }
assert runs.size() == 1 : 'expected: runs.size() == 1'
def run = runs[0]
['run.json', 'junit.xml', 'summary.md', 'report.html', 'events.jsonl', 'console.log'].each { assert new File(run, it).isFile() : it }
assert new File(run, 'run.json').text.contains('"exitCode" : 0')

def junit = new File(basedir, 'target/failsafe-reports/TEST-spotsim-it-passes.xml')
assert junit.isFile() : 'expected: junit.isFile()'
assert junit.text.contains('failures="0"') : 'expected: junit.text.contains("failures="0"")'

// Gatling's console summary is kept in the run's console.log, out of the build log.
assert !log.contains('Global Information') : 'expected: !log.contains("Global Information")'
assert new File(run, 'console.log').text.contains('Global Information') : 'expected: new File(run, "console.log").text.contains("Global Information")'
