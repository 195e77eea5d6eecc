namespace Ibmtp.Fuzz;

/// <summary>The helper survived an input but broke a promise about it: a wrong exit code, a changed keystore, an impossible token.</summary>
public sealed class PropertyViolation(string message) : Exception(message);
