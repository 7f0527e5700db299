// Preloaded into a profiled API (node --cpu-prof --import): SIGUSR2 exits normally, so V8 writes the profile
// (a process killed by a signal writes none).
process.on('SIGUSR2', () => process.exit(0));
