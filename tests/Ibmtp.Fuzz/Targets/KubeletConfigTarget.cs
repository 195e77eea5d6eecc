using Ibmtp.Yaml;
using Ibmtp.Testing.Yaml;

namespace Ibmtp.Fuzz.Targets;

/// <summary>
/// The input as the kubelet's credential provider config, read by <see cref="StrictYamlReader"/>: it
/// refuses it with a <see cref="YamlRefusal"/>, or reads the tree YamlDotNet's node model reads; it
/// never throws anything else.
/// </summary>
public sealed class KubeletConfigTarget : IFuzzTarget
{
    public void Check(byte[] input)
    {
        string read;
        try
        {
            read = YamlOracle.Describe(StrictYamlReader.Read(input));
        }
        catch (YamlRefusal)
        {
            return;
        }
        string expected;
        try
        {
            expected = YamlOracle.Expected(input);
        }
        catch (Exception error)
        {
            throw new PropertyViolation($"the reader read {read}, which YamlDotNet refuses: {error.Message}");
        }
        if (read != expected)
            throw new PropertyViolation($"the reader read {read}, YamlDotNet {expected}");
    }

    public void Dispose()
    {
    }
}
