using System.Globalization;
using Ibmtp.Emulators;

// Standalone: `dotnet run --project tests/Ibmtp.IamEmulator -- [--port N] [--https]`. Prints `listening http://127.0.0.1:PORT`
// (https:// with --https) on stdout once it accepts connections, then serves until SIGTERM or Ctrl+C. With --https,
// GET /_emulator/tls names the PEM file of the test CA that issued its certificate, which a client must trust. POST
// /_emulator/metadata-server {"server":"BareMetalServer"} picks the machine its VPC metadata service stands for. People
// sign in through /_emulator/people, /_emulator/trusted-profiles/{id}/people and .../federated-rules, /_emulator/passcodes,
// /_emulator/session-policy, /_emulator/sign-in-settings, /_emulator/sessions/{id} and /_emulator/clock (AdminEndpoints).
if (!TryParseArguments(args, out var port, out var useHttps))
{
    await Console.Error.WriteLineAsync("usage: Ibmtp.IamEmulator [--port N] [--https]");
    return 2;
}

await using var emulator = await IamEmulator.StartAsync(port, standalone: true, useHttps ? EmulatorTls.Default : null, CancellationToken.None);
Console.WriteLine($"listening {emulator.BaseUrl.GetLeftPart(UriPartial.Authority)}");
await emulator.WaitForShutdownAsync();
return 0;

static bool TryParseArguments(string[] args, out int port, out bool useHttps)
{
    port = 0;
    useHttps = false;
    for (var i = 0; i < args.Length; i++)
    {
        switch (args[i])
        {
            case "--https" when !useHttps:
                useHttps = true;
                break;
            case "--port" when i + 1 < args.Length:
                if (!int.TryParse(args[++i], NumberStyles.None, CultureInfo.InvariantCulture, out port) || port > 65535)
                {
                    return false;
                }

                break;
            default:
                return false;
        }
    }

    return true;
}
