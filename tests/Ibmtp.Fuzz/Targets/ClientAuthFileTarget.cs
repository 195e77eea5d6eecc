using Ibmtp.ClientConfig;

namespace Ibmtp.Fuzz.Targets;

/// <summary>
/// The input as docker's config.json, read by <c>doctor</c> and edited by <c>configure</c>. Each
/// ends with 0 or 1 and no exception; <c>configure</c> either refuses, having written nothing, or
/// leaves a file that names the helper, with the input as its <c>.bak</c>, no temporary beside it,
/// and nothing left to change for a second run; neither touches the keystore.
/// </summary>
public sealed class ClientAuthFileTarget : IFuzzTarget
{
    // Served, with no stored login, so that doctor has no token to fetch and stays offline.
    private const string Host = "jp.icr.io";

    private readonly FuzzHome _home = new();

    private string DockerFile => Path.Combine(_home.Variables["HOME"], ".docker", "config.json");

    public void Check(byte[] input)
    {
        _home.Reset();
        FuzzHome.WritePrivate(DockerFile, input);
        var stored = _home.Stored();

        HelperCall.RunCommand(_home.Environment, "doctor", Host).RequireHandled();
        var configure = HelperCall.RunCommand(_home.Environment, "configure", "--docker", "--registries", Host).RequireHandled();

        var written = File.ReadAllBytes(DockerFile);
        if (!configure.Succeeded)
            Require(written.AsSpan().SequenceEqual(input) && !File.Exists(DockerFile + ".bak"), $"configure failed ({configure.Stderr.TrimEnd()}) but changed the file or kept a .bak");
        else
            CheckConfigured(input, written);
        Require(!Directory.EnumerateFiles(Path.GetDirectoryName(DockerFile)!, "*.tmp").Any(), "configure left a temporary file beside config.json");
        stored.RequireUnchangedBy(_home.Stored(), "doctor or configure with this client file");
    }

    private void CheckConfigured(byte[] input, byte[] written)
    {
        Require(AuthFile.Read(DockerFile).CredHelpers.GetValueOrDefault(Host) == HelperInfo.CredHelperName, "configure succeeded but the file does not name the helper");
        if (!written.AsSpan().SequenceEqual(input))
            Require(File.ReadAllBytes(DockerFile + ".bak").AsSpan().SequenceEqual(input), "configure changed the file but its .bak is not the input");
        HelperCall.RunCommand(_home.Environment, "configure", "--docker", "--registries", Host).RequireSuccess("the first configure succeeded");
        Require(File.ReadAllBytes(DockerFile).AsSpan().SequenceEqual(written), "a second configure changed the file again");
    }

    private static void Require(bool holds, string violation)
    {
        if (!holds)
            throw new PropertyViolation(violation);
    }

    public void Dispose() => _home.Dispose();
}
