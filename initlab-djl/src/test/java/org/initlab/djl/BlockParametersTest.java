package org.initlab.djl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.recurrent.LSTM;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.List;
import org.initlab.core.init.Role;
import org.junit.jupiter.api.Test;

/** PyTorch-like paths, roles, kinds and activations read from DJL block trees (no engine needed). */
class BlockParametersTest {

    /** A block with named children, as user models are written: addChildBlock("encoder", ...). */
    static final class EncoderDecoder extends AbstractBlock {
        EncoderDecoder(Block encoder, Block decoder) {
            addChildBlock("encoder", encoder);
            addChildBlock("decoder", decoder);
        }

        @Override
        protected NDList forwardInternal(
                ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
            throw new UnsupportedOperationException("paths only");
        }

        @Override
        public Shape[] getOutputShapes(Shape[] inputShapes) {
            throw new UnsupportedOperationException("paths only");
        }
    }

    @Test
    void sequentialChildrenAreNumberedFromZeroActivationsIncluded() {
        SequentialBlock mlp = new SequentialBlock()
                .add(Linear.builder().setUnits(8).build())
                .add(Activation.tanhBlock())
                .add(Linear.builder().setUnits(2).optBias(false).build());
        List<BlockParameter> ps = BlockParameters.of(mlp);
        assertThat(ps).extracting(BlockParameter::path).containsExactly("0.weight", "0.bias", "2.weight");
        assertThat(mlp.getParameters().keys()).containsExactly("01Linear_weight", "01Linear_bias", "03Linear_weight");
        assertThat(ps)
                .extracting(BlockParameter::activation)
                .containsExactly(
                        org.initlab.core.gain.Activation.TANH,
                        org.initlab.core.gain.Activation.TANH,
                        org.initlab.core.gain.Activation.LINEAR);
        assertThat(ps).extracting(BlockParameter::layerKind).containsOnly("dense");
        assertThat(ps.get(1).weight()).isSameAs(ps.get(0).parameter());
        assertThat(ps.get(0).weight()).isNull();
    }

    @Test
    void namedChildrenLoseDjlsCounterAndNormParametersTakePytorchNames() {
        Block encoder = new SequentialBlock()
                .add(Linear.builder().setUnits(8).build())
                .add(BatchNorm.builder().build())
                .add(Activation.leakyReluBlock(0.2f));
        Block decoder = new SequentialBlock().add(Linear.builder().setUnits(4).build());
        List<BlockParameter> ps = BlockParameters.of(new EncoderDecoder(encoder, decoder));
        assertThat(ps)
                .extracting(BlockParameter::path)
                .containsExactly(
                        "encoder.0.weight",
                        "encoder.0.bias",
                        "encoder.1.weight",
                        "encoder.1.bias",
                        "decoder.0.weight",
                        "decoder.0.bias");
        assertThat(ps)
                .extracting(BlockParameter::role)
                .containsExactly(Role.WEIGHT, Role.BIAS, Role.NORM_SCALE, Role.NORM_SHIFT, Role.WEIGHT, Role.BIAS);
        assertThat(ps.get(2).djlName()).isEqualTo("gamma");
        assertThat(ps.get(2).layerKind()).isEqualTo("batch_norm");
        assertThat(ps.get(2).activation()).isEqualTo(org.initlab.core.gain.Activation.LEAKY_RELU);
        assertThat(ps.get(0).activation()).isEqualTo(org.initlab.core.gain.Activation.LINEAR); // BatchNorm follows
    }

    @Test
    void recurrentParametersTakeTorchsNamesAndHiddenToHiddenWeightsAreRecurrent() {
        Block lstm = LSTM.builder()
                .setStateSize(8)
                .setNumLayers(2)
                .optBidirectional(true)
                .build();
        List<BlockParameter> ps = BlockParameters.of(new SequentialBlock().add(lstm));
        assertThat(ps)
                .extracting(BlockParameter::path)
                .contains(
                        "0.weight_ih_l0",
                        "0.weight_hh_l0",
                        "0.weight_ih_l0_reverse",
                        "0.bias_hh_l1",
                        "0.bias_ih_l1_reverse")
                .hasSize(16);
        BlockParameter hh = ps.stream()
                .filter(p -> p.path().equals("0.weight_hh_l1"))
                .findFirst()
                .orElseThrow();
        BlockParameter ih = ps.stream()
                .filter(p -> p.path().equals("0.weight_ih_l1"))
                .findFirst()
                .orElseThrow();
        BlockParameter biasHh = ps.stream()
                .filter(p -> p.path().equals("0.bias_hh_l1"))
                .findFirst()
                .orElseThrow();
        assertThat(hh.role()).isEqualTo(Role.RECURRENT);
        assertThat(ih.role()).isEqualTo(Role.WEIGHT);
        assertThat(biasHh.weight()).isSameAs(hh.parameter());
        assertThat(hh.layerKind()).isEqualTo("lstm");
    }

    @Test
    void runningStatisticsAreLeftToDjl() {
        SequentialBlock block = new SequentialBlock().add(BatchNorm.builder().build());
        assertThat(block.getParameters().keys()).hasSize(4);
        assertThat(BlockParameters.of(block))
                .extracting(BlockParameter::djlName)
                .containsExactly("gamma", "beta");
    }

    @Test
    void aBlockAddedTwiceIsRefusedBecauseItsParametersWouldHaveTwoPaths() {
        Block shared = Linear.builder().setUnits(4).build();
        SequentialBlock twice =
                new SequentialBlock().add(shared).add(Activation.reluBlock()).add(shared);
        assertThatThrownBy(() -> BlockParameters.of(twice))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("reachable as both '0.weight' and '2.weight'");
    }

    @Test
    void counterIsStrippedOnlyWhenItIsThere() {
        assertThat(BlockParameters.withoutCounter("01encoder", 0)).isEqualTo("encoder");
        assertThat(BlockParameters.withoutCounter("100head", 99)).isEqualTo("head");
        assertThat(BlockParameters.withoutCounter("encoder", 0)).isEqualTo("encoder");
        assertThat(BlockParameters.withoutCounter("01", 0)).isEqualTo("01");
    }
}
