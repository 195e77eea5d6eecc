namespace Ibmtp.Emulators;

/// <summary>
/// Host lifetime for an emulator running inside a test process. The default console lifetime would claim
/// SIGTERM and Ctrl+C of the test runner; here only <see cref="IamEmulator.DisposeAsync"/> stops the host.
/// </summary>
internal sealed class EmbeddedHostLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
