namespace ContactSync.Worker.Cli;

internal enum Verb
{
    Run,
    SyncOnce,
    Migrate,
    Help,
    Invalid,
}
