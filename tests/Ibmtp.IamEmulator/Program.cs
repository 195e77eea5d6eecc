using System.Globalization;
using Ibmtp.Emulators;

// Standalone: `dotnet run --project tests/Ibmtp.IamEmulator -- [--port N]`. Prints `listening http://127.0.0.1:PORT`
// on stdout once it accepts connections, then serves until SIGTERM or Ctrl+C.
if (!TryParsePort(args, out var port))
{
    await Console.Error.WriteLineAsync("usage: Ibmtp.IamEmulator [--port N]");
    return 2;
}

await using var emulator = await IamEmulator.StartAsync(port, standalone: true, CancellationToken.None);
Console.WriteLine($"listening {emulator.BaseUrl.GetLeftPart(UriPartial.Authority)}");
await emulator.WaitForShutdownAsync();
return 0;

static bool TryParsePort(string[] args, out int port)
{
    port = 0;
    return args switch
    {
        [] => true,
        ["--port", var text] => int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out port) && port <= 65535,
        _ => false,
    };
}
