namespace Ibmtp.IntegrationTests;

/// <summary>
/// The registry a fixture's tests share, held by the fixture whatever it derives from: started in its
/// [OneTimeSetUp], disposed in its [OneTimeTearDown].
/// </summary>
public sealed class SharedRegistry : IAsyncDisposable
{
    private RegistryServer? server;

    public RegistryServer Server => server ?? throw new InvalidOperationException("the registry has not started");

    public async Task StartAsync(Func<Task<RegistryServer>> start) => server = await start();

    public async ValueTask DisposeAsync()
    {
        if (server is not null)
        {
            await server.DisposeAsync();
            server = null;
        }
    }
}
