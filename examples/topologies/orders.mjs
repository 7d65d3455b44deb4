// Total quantity ordered per item: orders ("item,quantity" values keyed by order id) →
// quantity-by-item, through a repartition topic (the key changes to the item) and a reduce.
import { Consumed, Grouped, Materialized, Produced, Serdes, defineTopology } from 'kstreams';

export const inputTopic = process.env.ORDERS_INPUT ?? 'orders';
export const outputTopic = process.env.ORDERS_OUTPUT ?? 'quantity-by-item';

export default defineTopology((builder) => {
  builder
    .stream(inputTopic, Consumed.with(Serdes.String(), Serdes.String()))
    .selectKey((_orderId, csv) => csv.split(',')[0])
    .mapValues((csv) => Number(csv.split(',')[1]))
    .groupByKey(Grouped.with(Serdes.String(), Serdes.Integer()))
    .reduce((a, b) => a + b, Materialized.as('quantity-by-item-store'))
    .toStream()
    .to(outputTopic, Produced.with(Serdes.String(), Serdes.Integer()));
});
