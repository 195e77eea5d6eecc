using Ibmtp.Fuzz;
using SharpFuzz;

// Under afl-fuzz, Fuzzer.Run feeds one input after another to the same target; run by hand, it
// checks the one input on stdin once, which is how a finding is replayed.
if (args.Length != 1 || !FuzzTargets.Names.Contains(args[0]))
{
    Console.Error.WriteLine($"usage: Ibmtp.Fuzz <target> < input; targets: {string.Join(", ", FuzzTargets.Names)}");
    return 2;
}

// Created inside the first run: instrumented code may only execute once Fuzzer.Run has set up the coverage map.
IFuzzTarget? target = null;
try
{
    Fuzzer.Run(stream =>
    {
        using var input = new MemoryStream();
        stream.CopyTo(input);
        target ??= FuzzTargets.Create(args[0]);
        target.Check(input.ToArray());
    });
}
finally
{
    // A replayed crash throws out of Fuzzer.Run; its throwaway home is removed all the same.
    target?.Dispose();
}
return 0;
