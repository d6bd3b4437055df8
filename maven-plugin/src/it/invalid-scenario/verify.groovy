// The build failed in spotsim:run before anything ran, naming the file, line, column and field.
def log = new File(basedir, 'build.log').text
assert log =~ /scenario\.yaml:9:\d+: workload\.stopTimeout: / : 'expected: log =~ /scenario.yaml:9:d+: workload.stopTimeout: /'
assert log.contains('1 invalid scenario, nothing ran') : 'expected: log.contains("1 invalid scenario, nothing ran")'
assert log.contains('BUILD FAILURE') : 'expected: log.contains("BUILD FAILURE")'
def out = new File(basedir, 'target/spotsim')
assert !out.exists() || out.listFiles().every { !it.isDirectory() || it.name.startsWith('.') } : 'no run directory'
