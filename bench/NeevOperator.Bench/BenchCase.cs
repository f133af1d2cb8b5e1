namespace NeevOperator.Bench;

/// <summary>One size of fleet: <paramref name="Vms"/> VirtualMachines spread evenly over <paramref name="Projects"/> Projects.</summary>
internal sealed record BenchCase(int Vms, int Projects)
{
    /// <summary>The default runs.</summary>
    public static IReadOnlyList<BenchCase> Defaults { get; } = [new(1000, 10), new(5000, 50)];

    public override string ToString() => $"n{Vms}-p{Projects}";
}
