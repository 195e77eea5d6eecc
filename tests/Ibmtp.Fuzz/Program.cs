using Ibmtp.Fuzz;
using SharpFuzz;

// Under afl-fuzz, Fuzzer.Run feeds one input after another to the same target; run by hand, it
// checks the one input on stdin once, which is how a finding is replayed.
if (args.Length != 1 || !FuzzTargets.Names.Contains(args[0]))
{
    Console.Error.WriteLine($"usage: Ibmtp.Fuzz <target> < input; targets: {string.Join(", ", FuzzTargets.Names)}");
    return 2;
}

using var target = FuzzTargets.Create(args[0]);
Fuzzer.Run(stream =>
{
    using var input = new MemoryStream();
    stream.CopyTo(input);
    target.Check(input.ToArray());
});
return 0;
