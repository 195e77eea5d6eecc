namespace Ibmtp.Fuzz;

/// <summary>
/// One parser of outside input, driven through the code path that reads it in production. Check
/// returns when every property holds for the input, and throws otherwise: an exception the core let
/// escape, or a <see cref="PropertyViolation"/>. Under afl-fuzz either is a crash.
/// </summary>
public interface IFuzzTarget : IDisposable
{
    void Check(byte[] input);
}
