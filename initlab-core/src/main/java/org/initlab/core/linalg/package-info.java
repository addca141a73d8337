/**
 * The little dense linear algebra initializers need: QR factorization through LAPACK
 * ({@code sgeqrf}/{@code sorgqr} from {@code dev.ludovic.netlib:lapack}: native OpenBLAS when the
 * system has it, netlib's pure-Java translation otherwise; {@link org.initlab.core.linalg.Lapack} chooses),
 * singular values ({@code dgesdd}) and orthogonality checks.
 */
package org.initlab.core.linalg;
