namespace Ibmtp.IntegrationTests;

/// <summary>
/// Tests that need the binary under test itself, run natively: they measure its peak memory or copy it
/// into a root of its own. tests/run-arm64.sh leaves them out, as there the binary is run through qemu.
/// </summary>
public static class NativeBinary
{
    public const string Category = "NativeBinary";
}
