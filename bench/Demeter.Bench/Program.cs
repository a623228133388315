using Demeter.Bench;

// ./build.sh bench [ledger] [recovery] [photos [--model m.onnx --devices cuda:0,cpu --tile-size 640 --tile-overlap 0.2 --in-flight 4 --warmup-photos 4]] [merge] [accuracy] [lag] [reads] [node [--nursery-plants 600000 --nursery-movements 1000000 --lots-per-claro 3]] [--seconds 15 --warmup 40 --clients 32 --batches 20 --events 10000 --photos 3 --boxes 5000 --images 60 --seed 1000 ...]
// The ledger and recovery benchmarks need a durable PostgreSQL (DEMETER_BENCH_PG, which ./build.sh bench starts).
var options = BenchOptions.Parse(args);
foreach (var name in options.Benchmarks)
{
    Console.WriteLine($"== {name} ==");
    var code = name switch
    {
        "ledger" => await LedgerBench.RunAsync(options),
        "recovery" => await RecoveryBench.RunAsync(options),
        "merge" => await MergeBench.RunAsync(options),
        "accuracy" => await AccuracyBench.RunAsync(options),
        "lag" => await LagBench.RunAsync(options),
        "reads" => await ReadsBench.RunAsync(options, args),
        "node" => await NodeBench.RunAsync(args),
        _ => await PhotoBench.RunAsync(options, args),
    };
    if (code != 0)
    {
        return code;
    }

    Console.WriteLine();
}

return 0;
