using Ibmtp.Keystores.SecretService;
using Ibmtp.Tests.Support;

namespace Ibmtp.Tests.Keystores.SecretService;

/// <summary>The session bus is found as libdbus and GDBus find it, and never started.</summary>
[TestFixture]
public sealed class SessionBusTests
{
    private string _runtime = null!;

    [SetUp]
    public void CreateRuntimeFolder() => _runtime = Directory.CreateTempSubdirectory("ibmtp-runtime-").FullName;

    [TearDown]
    public void RemoveRuntimeFolder() => Directory.Delete(_runtime, recursive: true);

    private static string? Address(Dictionary<string, string> variables) => SessionBus.Address(new DictionaryEnvironment(variables));

    [Test]
    public void DBUS_SESSION_BUS_ADDRESS_is_used_as_given_even_when_the_runtime_folder_has_a_bus()
    {
        File.WriteAllText(Path.Combine(_runtime, "bus"), "");

        Assert.That(Address(new() { ["DBUS_SESSION_BUS_ADDRESS"] = "unix:abstract=/tmp/dbus-x", ["XDG_RUNTIME_DIR"] = _runtime }), Is.EqualTo("unix:abstract=/tmp/dbus-x"));
    }

    [Test]
    public void Without_it_systemds_socket_in_the_runtime_folder_is_the_bus()
    {
        File.WriteAllText(Path.Combine(_runtime, "bus"), "");

        Assert.That(Address(new() { ["XDG_RUNTIME_DIR"] = _runtime }), Is.EqualTo($"unix:path={_runtime}/bus"));
    }

    [Test]
    public void Without_either_there_is_no_bus_and_none_is_launched()
    {
        Assert.That(Address(new() { ["XDG_RUNTIME_DIR"] = _runtime }), Is.Null);
        Assert.That(Address([]), Is.Null);
    }
}
