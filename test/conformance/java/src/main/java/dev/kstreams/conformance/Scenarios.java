package dev.kstreams.conformance;

import dev.kstreams.conformance.scenarios.*;
import java.util.List;

/** Every scenario, in the order the generator runs them: stateless, time, tables, aggregations, Processor API. */
final class Scenarios {
    static final List<Scenario> ALL = List.of(
        new FilterLength(),
        new FilterNotOdd(),
        new MapValuesWithKey(),
        new MapSwap(),
        new SelectKeyFirstField(),
        new FlatMapPairs(),
        new FlatMapValuesWords(),
        new PeekAndForeach(),
        new PrintToSysOut(),
        new SplitBranches(),
        new SplitAndMerge(),
        new MergeTopics(),
        new StreamFromTopicList(),
        new StreamFromPattern(),
        new ToDynamicTopic(),
        new RepartitionNamedAndGenerated(),
        new ProcessValuesMetadata(),
        new HeadersCarried(),
        new NullKeysAndValues(),
        new SerdeByteFormats(),
        new DefaultSerdes(),
        new NamedOperations(),
        new TimestampExtractorFromValue(),
        new DefaultTimestampExtractorPartitionTime(),
        new DefaultTimestampExtractorLogAndSkip(),
        new OutputTimestamps(),
        new TableSource(),
        new TableSourceUnmaterialized(),
        new StreamToTable(),
        new ToTableAfterFlatMapValues(),
        new TableFilter(),
        new TableFilterMaterialized(),
        new TableFilterNot(),
        new TableFilterThenGroupBy(),
        new TableMapValues(),
        new TableToStreamRekey(),
        new TableChain(),
        new GlobalTableStore(),
        new WordCount(),
        new OrdersReduceByItem(),
        new StreamCount(),
        new StreamReduce(),
        new StreamAggregate(),
        new AggregateAfterFlatMapValues(),
        new CountCachingDisabled(),
        new GroupByNamed(),
        new RepartitionAfterSelectKey(),
        new SelectKeyTwoAggregations(),
        new SelectKeyTwoAggregationsOptimized(),
        new TableGroupByCount(),
        new TableGroupByReduce(),
        new TableGroupByAggregate(),
        new PapiStreamTimePunctuation(),
        new PapiWallClockPunctuation(),
        new PapiRouteToChildren(),
        new PapiTimestampedStore(),
        new PapiGlobalStore(),
        new DslProcessDedup()
    );

    private Scenarios() {
    }
}
