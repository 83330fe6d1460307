package org.anomaly4j.scoring;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/** Per-pixel reconstruction error of one scale: tap and reconstruction [N,C,H,W] to [N,H,W]. */
public final class ScaleErrors {
    private ScaleErrors() {
    }

    /** 1 - cos(tap, reconstruction) along channels. */
    public static INDArray cosineDistance(INDArray tap, INDArray recon) {
        INDArray dot = tap.mul(recon).sum(1);
        INDArray norms = tap.norm2(1).muli(recon.norm2(1)).addi(1e-8);
        return dot.divi(norms).rsubi(1.0);
    }

    /** Mean over channels of the squared difference. */
    public static INDArray meanSquaredError(INDArray tap, INDArray recon) {
        return Transforms.pow(tap.sub(recon), 2, false).mean(1);
    }
}
