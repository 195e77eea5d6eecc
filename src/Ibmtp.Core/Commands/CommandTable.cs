using Ibmtp.Configuration;
using Ibmtp.Frontends.Docker;
using Ibmtp.Frontends.Kubelet;

namespace Ibmtp.Commands;

/// <summary>Every command the helper answers to, in the order the usage text lists them. A new command is one file and one row.</summary>
public static class CommandTable
{
    public static readonly IReadOnlyList<Command> All =
    [
        new("get", """reads a server URL on stdin, prints {"ServerURL","Username","Secret"}""", GetCommand.Run),
        new("store", """reads {"ServerURL","Username","Secret"} on stdin and saves it, encrypted""", StoreCommand.Run),
        new("erase", "reads a server URL on stdin and removes what was saved for it", EraseCommand.Run),
        new("list", "prints saved registries and their usernames", ListCommand.Run),
        new("version", "prints the version", VersionCommand.Run, "--version"),
        new("help", "prints this text", HelpCommand.Run, "--help", "-h"),
        new("configure", "names the helper under credHelpers for the ICR registries in docker's and podman's auth files (see configure --help)", ConfigureCommand.Run),
        new(KubeletCommand.Name, "the kubelet's image credential provider: reads a CredentialProviderRequest on stdin, prints a CredentialProviderResponse", KubeletCommand.Run),
        new("keystore", $"migrate --to <store> moves every saved login to another store: {KeystoreKinds.Choices} (see keystore --help)", KeystoreCommand.Run),
        new("login", "[host] signs a person in with a one-time passcode (IBMid or the company's SSO) and acts as the trusted profile, with no API key (see login --help)", LoginCommand.Run),
        new("logout", "removes the person's sign-in session and its cached tokens", LogoutCommand.Run),
        new("doctor", "[host] [--json] explains what get would answer for a host (default us.icr.io), and why", DoctorCommand.Run),
    ];

    public static Command? Find(string name) => All.FirstOrDefault(command => command.IsCalled(name));
}
