using Ibmtp.Composition;
using Ibmtp.Configuration;
using Ibmtp.Files;
using Ibmtp.Hosts;
using Ibmtp.Logging;

namespace Ibmtp.Diagnostics;

/// <summary>Where the helper's own files are, with their modes, and whether the keystore in use can be reached now.</summary>
public sealed class HelperFilesCheck(HelperServices services) : IDoctorCheck
{
    public void Run(RegistryHost host, FactSheet facts)
    {
        facts.Add("config file", services.Settings.ConfigFile is { } file ? WithMode(file) : "none");
        KeystoreInUse(facts);
        facts.Add("token cache", WithMode(services.Paths.CacheFolder));
        facts.Add("log", WithMode(Path.Combine(services.Paths.StateFolder, HelperLog.FileName)));
    }

    /// <summary>Which store <c>store</c> writes to and <c>get</c> reads, and whether it can be reached now.</summary>
    private void KeystoreInUse(FactSheet facts)
    {
        var choice = services.Settings.Keystore;
        if (choice.Problem is { } badChoice)
        {
            facts.Add("keystore", badChoice, problem: true);
            return;
        }
        var store = $"{KeystoreKinds.All.Spelling(choice.Value)} (from {choice.Origin})";
        try
        {
            facts.Add("keystore", $"{store}: {services.Keystore.Value.Check()}");
        }
        catch (HelperException error)
        {
            facts.Add("keystore", $"{store}: {error.Message}", problem: true);
        }
    }

    private static string WithMode(string path)
    {
        if (File.Exists(path) || Directory.Exists(path))
            return $"{path} ({FileModeText.Of(path)})";
        return $"{path} (not there yet)";
    }
}
