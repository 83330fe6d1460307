/**
 * The encoder catalogue (squeezenet, vgg16, resnet50, darknet-tiny (a Keras model import), tiny), their taps and preprocessing, and weight resolution (explicit path, zoo-weights/, DL4J zoo download).
 */
package org.anomaly4j.model.encoder;
