/**
 * Datasets, returned as the engine's {@link org.initlab.nn.Dataset} (whose
 * {@link org.initlab.nn.Labels} say the task: class labels, a label per time step, or real values):
 * <ul>
 *   <li>readers: {@link org.initlab.io.data.Idx} (MNIST, Fashion-MNIST; gzipped or not) and
 *       {@link org.initlab.io.data.Csv} (the digits and iris layouts and plain CSV), both
 *       validating and naming file, position and reason on malformed input;</li>
 *   <li>seeded generators ({@link org.initlab.io.data.Synthetic}): circles, moons, spirals, xor,
 *       blobs, the {@link org.initlab.io.data.TeacherStudent} regression, and the sequence tasks
 *       {@link org.initlab.io.data.AddingProblem} (regression) and
 *       {@link org.initlab.io.data.CopyMemory} (a label per step), each drawing from streams
 *       {@code "data/NAME/PART/..."};</li>
 *   <li>preparation: {@link org.initlab.io.data.Normalization} fitted on the training part and a
 *       seeded stratified hold-out ({@link org.initlab.io.data.Split});</li>
 *   <li>the catalog of names for the command line ({@link org.initlab.io.data.Datasets}, parsing
 *       specs such as {@code circles(n=2000, noise=0.1)} into a
 *       {@link org.initlab.io.data.DataSource}) and where data files are looked for
 *       ({@link org.initlab.io.data.DataFolder}: {@code --data-dir}, the user data folder,
 *       {@code /usr/share/datasets}, then the embedded copies);</li>
 *   <li>the known real sets ({@link org.initlab.io.data.FileSets}: files, sizes, SHA-256,
 *       licenses, download locations), the copies embedded as resources under
 *       {@code org/initlab/io/data/embedded/} (digits and iris in full, and the Fashion-MNIST
 *       subset made by {@link org.initlab.io.data.FashionMnistSmall}), and the files a loader
 *       reads ({@link org.initlab.io.data.StoredFile}, on disk or embedded) with the
 *       {@link org.initlab.io.data.DataProvenance} a run records. Downloads live in
 *       {@code org.initlab.io.data.fetch}.</li>
 * </ul>
 */
package org.initlab.io.data;
